"""Classic nbdev setup.py: every setting comes from settings.ini (no pkg_resources, which new setuptools dropped)."""
from configparser import ConfigParser
import setuptools

assert tuple(int(v) for v in setuptools.__version__.split('.')[:2]) >= (36, 2)
config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

for o in 'version description keywords author author_email'.split():
    assert o in cfg, f'missing expected setting: {o}'
setup_cfg = {o: cfg[o] for o in 'version description keywords author author_email'.split()}

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License'),
            'mit': ('MIT License', 'OSI Approved :: MIT License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()

requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
lic = licenses.get(cfg['license'].lower(), (cfg['license'], None))
min_python = cfg['min_python']
min_version = tuple(int(v) for v in min_python.split('.'))
console_scripts = [s.strip() for s in cfg.get('console_scripts', '').split(';') if s.strip()]

# The shipped data (pocket model weights, prompt files, pocket source images) also goes into wheels, under
# <prefix>/share/sds_nb/data, mirroring the repository's layout; a source checkout uses data/ directly.
from glob import glob
from os.path import isfile
data_files = [(f'share/sds_nb/{d}', sorted(f for f in glob(f'{d}/*') if isfile(f)))
              for d in ('data', 'data/pocket', 'data/pocket_imgs', 'data/pocket_labels', 'data/imgs', 'data/results')]
data_files = [(d, fs) for d, fs in data_files if fs]

setuptools.setup(
    name=cfg['lib_name'],
    license=lic[0],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title()]
                + ['Programming Language :: Python :: ' + v for v in py_versions
                   if tuple(int(x) for x in v.split('.')) >= min_version]
                + (['License :: ' + lic[1]] if lic[1] else []),
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*']),
    include_package_data=True,
    package_data={cfg['lib_path']: ['assets/*']},
    install_requires=requirements,
    extras_require={'dev': dev_requirements},
    python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    data_files=data_files,
    entry_points={'console_scripts': console_scripts,
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    **setup_cfg)
