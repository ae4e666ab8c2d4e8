/** The simulator's public surface: types in `./api`, implementations added beside them. */
export * from './api';
