# path: app/services/video_records/video_records_sqlite.py
# A storage backend named after its database, under a services directory: the repository
# layer (InvokeAI's services/<x>/<x>_sqlite.py next to <x>_base.py and <x>_default.py).
import sqlite3


def get_video(conn: sqlite3.Connection, video_name: str):
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM videos WHERE video_name = ?", (video_name,))
    return cursor.fetchone()


def delete_video(conn: sqlite3.Connection, video_name: str) -> None:
    conn.execute("DELETE FROM videos WHERE video_name = ?", (video_name,))
