"""Analysis: claims per sentence from the model, checked by rule; figures, hedges and speakers read by
rule; the brief written from the claims; disagreements and the timeline across articles found by rule."""
