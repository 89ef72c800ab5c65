"""Statistics: the published effect sizes, the decision rule, planning an experiment's length."""
