# Quartiersnetz: the app under gunicorn; PostgreSQL and Redis come from docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    NUMBA_CACHE_DIR=/app/var/numba-cache

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libjpeg62-turbo zlib1g libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 quartiersnetz
WORKDIR /app

COPY requirements.lock pyproject.toml ./
RUN pip install --upgrade pip && pip install -r requirements.lock

COPY . .
# Build-time only: a throwaway key lets the production settings load for these steps. The
# analysis kernels are compiled into NUMBA_CACHE_DIR here, so no worker compiles them on its
# first network analysis.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    ALLOWED_HOSTS=localhost \
    sh -c "python manage.py compilemessages --ignore '.venv' --ignore 'node_modules' \
           && python manage.py collectstatic --noinput \
           && python manage.py warm_analysis" \
    && mkdir -p /app/var/media \
    && chown -R quartiersnetz /app/var

USER quartiersnetz
EXPOSE 8000

# The access log names no visitor: method, path without query, status, size and time only
# (gunicorn's default format starts with the client address).
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn cms.wsgi:application --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-3} --access-logfile - --access-logformat '%(m)s %(U)s %(s)s %(b)s %(M)sms' --forwarded-allow-ips='*'"]
