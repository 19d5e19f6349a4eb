import { randomBytes, randomUUID } from 'node:crypto';

export interface Ids {
  /** A random (v4) UUID: consent ids and anything a caller could guess must use this. */
  uuid(): string;
  /** A time-ordered (v7) UUID, strictly increasing within the process: history and audit rows sort by it. */
  sortable(): string;
}

let lastMs = 0;
let counter = 0;

function uuidV7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const randomIds: Ids = { uuid: () => randomUUID(), sortable: uuidV7 };
