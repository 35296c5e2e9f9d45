"""Passwords: Argon2id with the parameters OWASP's password storage cheat sheet gives as its first choice (19 MiB of
memory, two passes, one lane) rather than Django's (100 MiB, two passes, eight lanes). On a two-core server Django's
take about 0.3 s of both cores per sign-in, which a handful of people signing in at nine o'clock queue behind; these
take about 30 ms and stay at OWASP's recommended minimum. Hashes made with other parameters are rehashed at the
person's next sign-in (Django compares the parameters stored in the hash)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the same algorithm name: Django's Argon2 hashes stay readable and are upgraded
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
