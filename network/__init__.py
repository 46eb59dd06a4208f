"""Network mapping: institutions, contacts, cooperations and their analysis as graphs."""
