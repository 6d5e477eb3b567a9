"""Outputs: terminal table, JSON/CSV files (later: workbook, plots, HTML)."""
