from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dataset', '0003_plausibility'),
    ]

    operations = [
        migrations.AddField(
            model_name='value',
            name='reference_period',
            field=models.CharField(blank=True, help_text='The period the figure really covers where it differs from its period, e.g. "June 2020 to June 2021"; said wherever the figure is shown.', max_length=120),
        ),
    ]
