export { uploadName } from './uploadName.js';
export { receiveUpload } from './receiveUpload.js';
