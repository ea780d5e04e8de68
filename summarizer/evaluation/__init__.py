"""Evaluation: hand-labelled gold, the scores of a result against it, the runner and gate of
`summarize eval`, its reports, and the speed benchmark of `summarize bench`."""
