"""What every page shares, whoever it is for: error pages, security headers, file downloads."""
