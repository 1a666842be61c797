"""`make bench`: how fast the page and its build are, each against a floor measured in the same run."""
