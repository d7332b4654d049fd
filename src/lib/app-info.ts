import packageJson from '../../package.json';

export const appName = 'kasir-edge';
export const appVersion: string = packageJson.version;
