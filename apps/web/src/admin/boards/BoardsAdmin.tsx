import { useTranslation } from 'react-i18next';
import { can, type Me } from '@pleiade/contracts';
import { subjectOf } from '../../app/permissions';
import { AnnouncementsAdmin } from '../AnnouncementsAdmin';
import { AdminNav } from './AdminNav';
import { AudiencesPage } from './AudiencesPage';
import { AuditJournal } from './AuditJournal';
import { IndicatorsAdmin } from '../indicators/IndicatorsAdmin';
import { BoardHistory } from './BoardHistory';
import { SharedBoardEditor } from './SharedBoardEditor';
import { SharedBoardList } from './SharedBoardList';
import type { AdminSection } from './sections';
import '../admin.css';
import './boards-admin.css';

type BoardsSection = Exclude<AdminSection, { name: 'connectors' | 'data-sources' }>;

function Forbidden({ title }: { title: string }) {
  const { t } = useTranslation('adminBoards');
  return (
    <>
      <h1>{title}</h1>
      <div className="notice" role="alert">
        <p className="notice-title">{t('forbidden.title')}</p>
        <p>{t('forbidden.text')}</p>
      </div>
    </>
  );
}

/**
 * The administration of the boards the collectivité prepares: templates and published boards,
 * their versions, their audiences, the audit log. Loaded when an administrator opens it. The SPA
 * asks the policies only to show or hide; the BFF decides on every request.
 */
export function BoardsAdmin({ me, section }: { me: Me; section: BoardsSection }) {
  const { t } = useTranslation('adminBoards');
  const subject = subjectOf(me);
  const collectivite = { collectiviteId: me.collectivite.id };
  if (section.name === 'journal') {
    if (!can(subject, 'collectivite.readAuditLog', collectivite))
      return <Forbidden title={t('journal.forbiddenTitle')} />;
    return <AuditJournal nav={<AdminNav current="journal" />} />;
  }
  if (section.name === 'announcements') {
    if (!can(subject, 'collectivite.administerAnnouncements', collectivite))
      return <Forbidden title={t('announcements.forbiddenTitle')} />;
    return <AnnouncementsAdmin nav={<AdminNav current="announcements" />} />;
  }
  if (section.name === 'indicators') {
    if (!can(subject, 'collectivite.administerIndicators', collectivite))
      return <Forbidden title={t('indicators.forbiddenTitle')} />;
    return <IndicatorsAdmin nav={<AdminNav current="indicators" />} />;
  }
  if (!can(subject, 'collectivite.administerBoards', collectivite))
    return <Forbidden title={t('list.forbiddenTitle')} />;
  const nav = <AdminNav current={section.name} />;
  switch (section.name) {
    case 'boards':
      return <SharedBoardList nav={nav} />;
    case 'board':
      return <SharedBoardEditor key={section.boardId} boardId={section.boardId} nav={nav} />;
    case 'history':
      return <BoardHistory key={section.boardId} boardId={section.boardId} nav={nav} />;
    case 'audiences':
      return <AudiencesPage nav={nav} />;
  }
}
