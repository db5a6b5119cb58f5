"""The database: engine, tables, migrations, customers and import, encryption and keys, the
audit chain, leases, and the changes a request makes to a customer."""
