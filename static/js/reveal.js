// Enhancement only: without this file, "Save and continue" shows follow-up questions by reloading the page.
// The server decides which questions apply. The page already holds, hidden, every question an answer on it can
// open; when such an answer changes, the form is sent to the page's "shown" address, which saves nothing and
// answers with the ids of the questions that apply. They are shown, the others hidden again, and the form's
// list of questions on screen ("shown") updated, so "Save and continue" goes straight on. A revealed question is
// announced politely; the focus stays where the patient is. "Save and continue" pressed while an answer is still
// being asked about waits for it, and stays on the page if it revealed a question. "Add another medicine" shows
// the next row in place.
(function () {
  "use strict";
  var form = document.querySelector("form[data-shown-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var shownField = form.querySelector("#shown");
  var status = document.getElementById("reveal-status");
  var triggers = (form.getAttribute("data-triggers") || "").split(" ").filter(Boolean);
  var pending = null; // the latest request; an older answer arriving late is ignored
  var typing = null; // a typed answer is asked about once the patient pauses
  var held = null; // "Save and continue", pressed while a reveal was being asked
  var TYPING_PAUSE = 400;

  function say(text) {
    // Emptied first, so the same words said twice are announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function title(box) {
    var label = box.querySelector("legend, label");
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // Returns how many questions appeared.
  function apply(visible) {
    var wanted = {};
    visible.forEach(function (id) { wanted[id] = true; });
    var revealed = [];
    var removed = 0;
    var onScreen = [];
    form.querySelectorAll("[data-question]").forEach(function (box) {
      // A box holds one question, or the two of a pair, shown together.
      var ids = box.getAttribute("data-question").split(" ").filter(function (id) { return wanted[id]; });
      if (ids.length) {
        if (box.hidden) {
          box.hidden = false;
          revealed.push(box);
        }
        onScreen.push.apply(onScreen, ids);
      } else if (!box.hidden) {
        box.hidden = true;
        removed += 1;
      }
    });
    shownField.value = onScreen.join(" ");
    if (revealed.length === 1) {
      say("New question below: " + title(revealed[0]));
    } else if (revealed.length > 1) {
      say(revealed.length + " new questions below. The first: " + title(revealed[0]));
    } else if (removed) {
      say(removed === 1 ? "A question below is no longer needed." : removed + " questions below are no longer needed.");
    }
    return revealed.length;
  }

  function release(revealed) {
    // The button the patient pressed goes on, unless the answer opened a question they have not seen yet.
    var button = held;
    held = null;
    if (button && !revealed) {
      if (form.requestSubmit) {
        form.requestSubmit(button);
      } else {
        button.click();
      }
    }
  }

  function ask() {
    window.clearTimeout(typing);
    typing = null;
    var request = window.AbortController ? new AbortController() : {};
    if (pending && pending.abort) {
      pending.abort();
    }
    pending = request;
    form.setAttribute("data-updating", "");
    fetch(form.getAttribute("data-shown-url"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"Accept": "application/json"}, signal: request.signal
    }).then(function (response) {
      // Refused (the form was closed, too many tries): nothing changes, and the button still reloads.
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (pending !== request) {
        return;
      }
      var revealed = answer && Array.isArray(answer.visible) ? apply(answer.visible) : 0;
      pending = null;
      form.removeAttribute("data-updating");
      release(revealed);
    }).catch(function () {
      if (pending === request) {
        pending = null;
        form.removeAttribute("data-updating");
        release(0);
      }
    });
  }

  function opensQuestions(target) {
    var box = target.closest("[data-question]");
    return box && box.getAttribute("data-question").split(" ").some(function (id) {
      return triggers.indexOf(id) !== -1;
    });
  }

  form.addEventListener("change", function (event) {
    if (opensQuestions(event.target)) {
      ask();
    }
  });

  // A typed answer (such as a count) is asked about when the patient pauses, not only when they leave the box.
  form.addEventListener("input", function (event) {
    if (event.target.type !== "radio" && event.target.type !== "checkbox" && opensQuestions(event.target)) {
      window.clearTimeout(typing);
      form.setAttribute("data-updating", "");
      typing = window.setTimeout(ask, TYPING_PAUSE);
    }
  });

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!(pending || typing) || !button || button.value !== "next") {
      return; // nothing being asked, or Back, units or a new row: the server shows what it should
    }
    event.preventDefault();
    held = button;
    if (typing) {
      ask();
    }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[value='add_row']");
    var table = button && button.closest("fieldset.group");
    var next = table && table.querySelector("fieldset.group-row[hidden]");
    if (!next) {
      return; // no row left waiting: the button saves the page and shows it again, as without JavaScript
    }
    event.preventDefault();
    next.hidden = false;
    if (!table.querySelector("fieldset.group-row[hidden]")) {
      button.hidden = true;
    }
    // The patient asked for the row: the focus goes to its first box.
    var first = next.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
    say(title(next) + " added.");
  });
}());
