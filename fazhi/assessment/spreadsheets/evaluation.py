"""spreadsheets of the evaluation part."""
