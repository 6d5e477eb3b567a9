"""The Excel input template: a scenario as a workbook a planner fills in, and back.

:mod:`.layout` says which part of the scenario goes on which sheet, :mod:`.cells` turns values
into cells and back, :mod:`.write` writes the workbook from a resolved scenario and
:mod:`.read` reads one into the same raw mapping a YAML file gives, with every key's sheet,
row and column kept for error messages.
"""
