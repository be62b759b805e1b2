// Enhancement only: every page works without this file.
// Move keyboard and screen-reader focus to the error summary, so errors are announced at once.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
