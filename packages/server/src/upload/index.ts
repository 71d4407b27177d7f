export { uploadName } from './uploadName.js';
export { receiveUpload } from './receiveUpload.js';
export { makeUploadDir, sweepStaleUploads, UPLOAD_PREFIX } from './uploadDir.js';
