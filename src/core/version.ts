// The bank's schema version, recorded in «Настройки» by setup; bump it when a sheet declaration changes.
export const SCHEMA_VERSION = '6';
export const APP_NAME = 'ЕБППК';
