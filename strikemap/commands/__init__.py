"""The subcommands of ``strikemap``, one module each.

- :mod:`~strikemap.commands.run`: articles to the map, events, summaries and
  report in a folder (the job is :func:`geo.engines.job.run_job`);
- :mod:`~strikemap.commands.events`: articles to the event table only;
- :mod:`~strikemap.commands.eval`: an event table scored against gold;
- :mod:`~strikemap.commands.geocode`: place names resolved offline;
- :mod:`~strikemap.commands.gazetteer`: the bundled gazetteer rebuilt from
  its source data.
"""
