import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface Props {
  title: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/** One broken widget shows its own error and leaves the rest of the board working. */
export class WidgetErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Widget « ${this.props.title} » en erreur`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="widget-state widget-state-error">
        <p>{i18n.t('board:widget.failed')}</p>
        <button type="button" className="button button-secondary" onClick={() => this.setState({ failed: false })}>
          {i18n.t('board:actions.retry')}
        </button>
      </div>
    );
  }
}
