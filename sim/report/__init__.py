"""Renderers: they format the typed results of ``sim.decide`` and compute nothing.

- ``files``: the serializer of summary.json, comparison.json, search.json,
  sensitivity.json, daily.csv and events.csv.
- ``terminal``: the text printed after a run.
- ``data``: what a report is made of (the results, the language, the command).
- ``html`` with ``templates/``: report.html; ``workbook``: results.xlsx; ``plots``: the charts;
  ``build``: writes the three.
- ``inputs``: every scenario input with where it was set and its source comment.
- ``i18n`` and ``report_text``: Indonesian and English text and number formats.
"""
