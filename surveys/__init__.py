"""Participation surveys: building, answering, results and exports."""
