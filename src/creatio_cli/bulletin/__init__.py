"""Bulletins (周通报 / 月通报): a city's scoring runs written up as a Chinese 公文 with charts.

``data`` is the model a bulletin is written from (a Period of runs) and the seam for its sources:
``from_reports`` reads score JSON reports; ``from_history`` reads ``score --record``'s database into the
same model. ``activity`` counts what the notice register did in the period; ``wording`` turns a period
into the sentences and tables of the 通报 (pure); ``charts`` draws its pictures (pure: data in, PNG bytes
out); ``docx`` renders it through the office's template in the notices' sandbox; ``make_template`` builds
the bundled template. The library entry point is ``api.draft_bulletin``.
"""
