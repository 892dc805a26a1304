export { TODO_HASH } from '../admin/admin-route';
