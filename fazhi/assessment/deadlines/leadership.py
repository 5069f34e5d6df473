"""The leadership part stores no date computed from working days, so it registers no deadline to recompute.

- A task's completion deadline (``PlanTask.deadline``, 完成时限) is typed by the office when it splits the plan,
  imports the task tree or turns a meeting decision into a task: it is the date the plan states, not a period
  counted from an act, and confirming a holiday year must not move it.
- Progress reports are due every ``assessment.progress_interval_days`` calendar days (the plan's quarterly
  reporting); that interval is counted in calendar days from the last report and no due date is stored for it.

A date of this part that is ever computed with ``fazhi.core.workdays`` and stored must be registered here with
``register_deadline`` (see ``deadlines/evaluation.py``).
"""
