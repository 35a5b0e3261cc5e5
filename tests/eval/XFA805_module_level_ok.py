# path: docs_src/python_types/tutorial001.py
# a print that runs at import time: a script-like tutorial module
def get_full_name(first_name: str, last_name: str) -> str:
    return first_name.title() + " " + last_name.title()


print(get_full_name("john", "doe"))
