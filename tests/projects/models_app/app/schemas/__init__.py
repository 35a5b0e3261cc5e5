from .items import ItemPatch, ItemRename, ItemUpdate, ItemWithId
