# path: internal_docs/vignettes/sqlalchemy/polymorphic_user/users.py
# A documentation vignette: a demo script that shows a pattern on sample records; its
# passwords are illustration, like those of an example directory. Live key shapes still count.
from sqlalchemy.orm import Session

from users import LocalUser, engine


def main() -> None:
    with Session(engine) as session:
        session.add(LocalUser(email="local@example.com", password="secure_password123"))
        session.add(LocalUser(email="bot@example.com", password="ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"))  # error: XFA701:65


if __name__ == "__main__":
    main()
