/**
 * Indonesian phone numbers to E.164 (`+628…`). Accepts what people and spreadsheets write: 0812-3456-789,
 * 62812…, +62 812 …, 812… . Returns null for anything that is not a plausible Indonesian mobile number.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  let national: string;
  if (digits.startsWith('+62')) national = digits.slice(3);
  else if (digits.startsWith('62')) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else if (digits.startsWith('8')) national = digits;
  else return null;
  // Mobile numbers start with 8 and have 9 to 12 digits after the country code.
  if (!/^8\d{8,11}$/.test(national)) return null;
  return `+62${national}`;
}

/** For logs: keeps the country code and the last three digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '***';
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}
