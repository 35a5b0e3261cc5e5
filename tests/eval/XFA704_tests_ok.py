# path: app/api/v1/services/api_tests.py
import unittest

import jwt


class TokenTest(unittest.TestCase):
    def test_expiry_claim(self):
        token = jwt.encode({"sub": "1", "exp": 10}, "k", algorithm="HS256")
        claims = jwt.decode(token, options={"verify_signature": False})
        self.assertEqual(claims["exp"], 10)
