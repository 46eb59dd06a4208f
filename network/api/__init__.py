"""REST API of the network data: CRUD per project and the public partner list."""
