placardSearch.meta({"shards":1,"chunk":500,"documents":49,"chunks":1});
