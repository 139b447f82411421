"""What every app needs and no domain owns. `core` imports no app of ours; every app may import it."""
