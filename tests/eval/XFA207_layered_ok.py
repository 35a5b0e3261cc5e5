# path: app/api/routes/items.py
# A layer-based layout: app/api/routes is not a domain package.
from ...crud import crud_item
from ...models import Item
from ..deps import SessionDep
from ..users import service
