"""Fit a résumé to a page budget: what may be cut, the layout estimate, the fitting loop."""
