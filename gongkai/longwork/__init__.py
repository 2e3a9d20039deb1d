"""Long work started from a page (issue #16.6): a job runs in a worker of the django-tasks queue
(django-tasks-db backend), its progress is shown on /staff/work/ and its result is kept.

Other apps offer their long work with ``register(kind, label, function, ability)`` (see
``registry``); ``function(job, report)`` does the work, calls ``report(done, total, message)``
and returns a ``Result`` (a file, a summary) or None.
"""

from .registry import Result, register  # noqa: F401
