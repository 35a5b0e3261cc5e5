# select: XFA808
# the file handler sits behind a QueueListener
import logging
import logging.handlers
import queue

log_queue: queue.Queue = queue.Queue(-1)
file_handler = logging.FileHandler("app.log")
listener = logging.handlers.QueueListener(log_queue, file_handler)
logging.getLogger().addHandler(logging.handlers.QueueHandler(log_queue))
