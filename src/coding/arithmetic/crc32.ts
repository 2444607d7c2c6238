// CRC-32 lives with the formats that check it (ZIP members, the coder's container).
export { crc32 } from '../../formats/crc32.js';
