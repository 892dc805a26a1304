/**
 * Nextcloud names the app behind a notification or a dashboard widget by its id (`files_sharing`,
 * `spreed`…): people know them by these words. Unknown ids read « Nextcloud », never the id.
 */
const NEXTCLOUD_APP_LABELS: Readonly<Record<string, string>> = {
  activity: 'Activité',
  admin_notifications: 'Administration',
  announcementcenter: 'Annonces',
  calendar: 'Agenda',
  circles: 'Équipes',
  comments: 'Commentaires',
  contacts: 'Contacts',
  deck: 'Deck',
  federatedfilesharing: 'Partage de fichiers',
  files: 'Fichiers',
  files_sharing: 'Partage de fichiers',
  files_trashbin: 'Corbeille',
  files_versions: 'Versions de fichiers',
  firstrunwizard: 'Bienvenue',
  forms: 'Formulaires',
  groupfolders: 'Dossiers de groupe',
  mail: 'Courriel',
  notes: 'Notes',
  onlyoffice: 'Documents',
  password_policy: 'Sécurité',
  photos: 'Photos',
  polls: 'Sondages',
  recommendations: 'Fichiers recommandés',
  richdocuments: 'Documents',
  spreed: 'Discussion',
  survey_client: 'Statistiques d’usage',
  systemtags: 'Étiquettes',
  tasks: 'Tâches',
  twofactor_backupcodes: 'Sécurité',
  updatenotification: 'Mises à jour',
  user_status: 'Statut',
};

export function nextcloudAppLabel(appId: string): string {
  return Object.hasOwn(NEXTCLOUD_APP_LABELS, appId) ? (NEXTCLOUD_APP_LABELS[appId] ?? 'Nextcloud') : 'Nextcloud';
}
