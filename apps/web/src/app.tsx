import { Route, Routes } from 'react-router';
import { Guard, Title } from './components/guards';
import { Layout } from './components/layout';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { routes } from './routes';

export function App() {
  return (
    <Layout>
      <Routes>
        {routes.map((r) => (
          <Route key={r.path} path={r.path} element={<Guard access={r.access}>{r.element}</Guard>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

function NotFoundPage() {
  return (
    <>
      <Title>Fant ikke siden</Title>
      <Alert data-color="info">
        <Paragraph>
          Adressen finnes ikke. <Link href="/">Gå til forsiden</Link>.
        </Paragraph>
      </Alert>
    </>
  );
}
