"""`mailbot run`: the scheduler, the IMAP IDLE watcher, purges, health and alert mail."""
