# third precision reading: the per-item commit records an effect already made outside the
# transaction in the same iteration (a revoke sent to an executor, a message published);
# committing once after the loop would lose that record for every item when one fails
import logging

from sqlalchemy.orm import Session

from app.models import Task

logger = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, executor, session: Session) -> None:
        self.executor = executor
        self.session = session

    def revoke_all(self, tasks: list[Task]) -> None:
        for task in tasks:
            self.executor.revoke(task.external_id)
            task.state = "revoked"
            self.session.commit()

    async def publish_all(self, queue, tasks: list[Task]) -> None:
        for task in tasks:
            await queue.publish({"id": task.id})
            task.published = True
            self.session.commit()

    # still reported: nothing outside the database happens before the commit
    def touch_all(self, tasks: list[Task]) -> None:
        done = []
        for task in tasks:
            logger.info("touching %s", task.id)
            task.touch()
            done.append(task.id)
            self.session.add(task)
            self._count(task)
            self.session.commit()  # error: XFA507:13 "self.session"

    def _count(self, task: Task) -> None:
        pass

    # ... and an effect after the commit does not count
    def notify_after(self, tasks: list[Task]) -> None:
        for task in tasks:
            task.state = "done"
            self.session.commit()  # error: XFA507:13
            self.executor.notify(task.id)


# a function of an imported module is no known outside effect
def import_rows(session: Session, rows: list) -> None:
    import app.validation as checks

    for row in rows:
        checks.validate(row)
        session.merge(row)
        session.commit()  # error: XFA507:9
