// The tracker lands here (issue 5).
