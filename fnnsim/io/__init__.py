"""Reading and writing user files: weights, histories, configs. Atomic writes, no pickle."""
