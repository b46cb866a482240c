// The event model and store land here (issue 5).
