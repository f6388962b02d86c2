"""The core's results as people are shown them, shared by the web pages, the report and the site.

Each module turns the domain packages' codes and numbers into the tables, words
and chart specs of one subject, in the reader's language, memoised by the data
fingerprint (:mod:`.memo`): :mod:`.region` (a region's strengths and dynamics),
:mod:`.area` (a strength area's ecosystem map, coverage and gaps) and
:mod:`.priorities` (the declared priorities, fit and partners). The web views
route and render them; :mod:`s3atlas.publish` writes them into the report and
the static site. Neither the domain packages nor this one import the web.
"""
