// Registers tsx so Node runs Propo's TypeScript sources directly.
import { register } from 'tsx/esm/api';
register();
