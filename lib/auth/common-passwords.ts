// The most common passwords of the public breach lists (lower-cased), refused at sign-up.
export const COMMON_PASSWORDS = new Set([
  "12345678", "123456789", "1234567890", "password", "password1", "password123", "qwertyui", "qwerty123", "11111111",
  "00000000", "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1", "welcome123", "admin123",
  "abc12345", "abcd1234", "letmein1", "monkey123", "dragon123", "trustno1", "1q2w3e4r", "1qaz2wsx", "zaq12wsx",
  "passw0rd", "p@ssw0rd", "p@ssword", "superman", "batman123", "michael1", "charlie1", "jennifer", "jordan23",
  "computer", "internet", "whatever", "starwars", "master123", "shadow12", "qwertyuiop", "asdfghjkl", "zxcvbnm1",
  "88888888", "12341234", "87654321", "123123123", "987654321", "qazwsxedc", "changeme", "changeme1", "secret123",
  "lösenord", "passord1", "motdepasse", "azerty123", "sommar2024", "sommar2025", "sommar2026", "vinter2025",
  "caseboard", "caseboard1", "crm12345", "company1", "summer2025", "winter2025", "spring2026", "autumn2026",
]);
